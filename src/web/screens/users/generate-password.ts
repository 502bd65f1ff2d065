const LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const DIGITS = '23456789';
const ALL = LETTERS + DIGITS;

function pick(alphabet: string, random: number): string {
  return alphabet[random % alphabet.length] ?? 'x';
}

/**
 * A random initial password of unambiguous characters (no 0/O, 1/l/I) with letters and digits, meeting the
 * password rule (≥ 12 characters, letters and digits).
 */
export function generatePassword(length = 14): string {
  const bytes = new Uint32Array(length);
  crypto.getRandomValues(bytes);
  const chars = Array.from(bytes, (b) => pick(ALL, b));
  chars[0] = pick(LETTERS, bytes[0] ?? 0);
  chars[length - 1] = pick(DIGITS, bytes[length - 1] ?? 0);
  return chars.join('');
}
