import { clsx, type ClassValue } from "clsx";

export function cn(...inputs: ClassValue[]): string {
  return clsx(inputs);
}

type VariantMap = Record<string, Record<string, string>>;
type VariantProps<V extends VariantMap> = { [K in keyof V]?: keyof V[K] };

/**
 * A tiny cva: base classes plus one class string per variant value, with defaults. Variant
 * classes must not fight over the same utility (there is no tailwind-merge), so each variant
 * owns distinct properties (colour vs size).
 */
export function variants<V extends VariantMap>(base: string, config: { variants: V; defaults: { [K in keyof V]: keyof V[K] } }) {
  return (props: VariantProps<V> & { className?: string } = {}): string => {
    const out: string[] = [base];
    for (const key of Object.keys(config.variants) as (keyof V)[]) {
      const value = (props[key] ?? config.defaults[key]) as string;
      const cls = config.variants[key][value];
      if (cls) out.push(cls);
    }
    if (props.className) out.push(props.className);
    return out.join(" ");
  };
}
