import type { Salutation } from './people';

/** Mask a customer's name for public screens: `张伟` → `张先生`, `Wei Zhang` → `Mr. Z.`. */
export const maskName = (name: string, salutation: Salutation): string => {
  const trimmed = name.trim();
  if (!trimmed) return '';
  const cjk = /^[\u3400-\u9fff]/.test(trimmed);
  if (cjk) {
    const title = salutation === 'ms' ? '女士' : salutation === 'mr' ? '先生' : '**';
    return `${trimmed[0]}${title}`;
  }
  const parts = trimmed.split(/\s+/);
  const initial = (parts[parts.length - 1]?.[0] ?? '').toUpperCase();
  const title = salutation === 'ms' ? 'Ms.' : salutation === 'mr' ? 'Mr.' : '';
  return `${title} ${initial}.`.trim();
};

/** `13812345678` → `138****5678`. */
export const maskPhone = (phone: string): string =>
  phone.length <= 4 ? '****' : `${phone.slice(0, 3)}${'*'.repeat(Math.max(4, phone.length - 7))}${phone.slice(-4)}`;
