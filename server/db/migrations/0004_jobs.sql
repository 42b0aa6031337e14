CREATE TABLE "job_batches" (
	"job_id" text NOT NULL,
	"number" integer NOT NULL,
	"size" integer NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	CONSTRAINT "job_batches_job_id_number_pk" PRIMARY KEY("job_id","number")
);
--> statement-breakpoint
CREATE TABLE "job_devices" (
	"job_id" text NOT NULL,
	"did" text NOT NULL,
	"mac" text NOT NULL,
	"seq" integer NOT NULL,
	"state" text NOT NULL,
	"error" text,
	"batch" integer,
	"idem_key" text,
	"sent_at" timestamp with time zone,
	"confirmed_at" timestamp with time zone,
	CONSTRAINT "job_devices_job_id_did_pk" PRIMARY KEY("job_id","did")
);
--> statement-breakpoint
CREATE TABLE "jobs" (
	"id" text PRIMARY KEY NOT NULL,
	"product_key" text NOT NULL,
	"created_by_id" text,
	"created_by_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"state" text NOT NULL,
	"path" text NOT NULL,
	"target" jsonb NOT NULL,
	"command" jsonb NOT NULL,
	"send_command" jsonb NOT NULL,
	"batch_size" integer NOT NULL,
	"failure_threshold_percent" double precision NOT NULL,
	"canary_percent" double precision NOT NULL,
	"batches_total" integer DEFAULT 0 NOT NULL,
	"retry_of" text,
	"message" text,
	"lease_owner" text,
	"lease_until" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "job_batches" ADD CONSTRAINT "job_batches_job_id_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."jobs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "job_devices" ADD CONSTRAINT "job_devices_job_id_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."jobs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "job_devices_job_state_idx" ON "job_devices" USING btree ("job_id","state");--> statement-breakpoint
CREATE INDEX "job_devices_job_seq_idx" ON "job_devices" USING btree ("job_id","seq");--> statement-breakpoint
CREATE INDEX "jobs_created_idx" ON "jobs" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "jobs_state_idx" ON "jobs" USING btree ("state");