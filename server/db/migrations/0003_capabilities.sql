CREATE TABLE "capabilities" (
	"scope" text NOT NULL,
	"key" text NOT NULL,
	"value" jsonb NOT NULL,
	"source" text NOT NULL,
	"learned_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "capabilities_scope_key_pk" PRIMARY KEY("scope","key")
);
