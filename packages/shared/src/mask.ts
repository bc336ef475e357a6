/**
 * Masks personal data for display (JR/T 0171-2020): keeps the first 3 and last 4 characters
 * of a phone number ("138****1234"), the first and last character of a name for short names,
 * the first 6 and last 4 of an ID number.
 */
export function maskPhone(phone: string): string {
  const p = phone.trim();
  if (p.length <= 4) return '*'.repeat(p.length);
  if (p.length < 8) return `${p.slice(0, 1)}${'*'.repeat(p.length - 3)}${p.slice(-2)}`;
  return `${p.slice(0, 3)}****${p.slice(-4)}`;
}

export function maskIdNumber(id: string): string {
  const p = id.trim();
  if (p.length <= 10) return `${p.slice(0, 1)}${'*'.repeat(Math.max(0, p.length - 2))}${p.slice(-1)}`;
  return `${p.slice(0, 6)}${'*'.repeat(p.length - 10)}${p.slice(-4)}`;
}

export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length <= 1) return '*';
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}
