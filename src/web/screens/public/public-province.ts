/** The province whose public results this device looked at last (or whose staff logged in here), for the login page's link. */
const KEY = 'parindex.publicProvince';

export function rememberPublicProvince(code: string): void {
  try {
    window.localStorage.setItem(KEY, code);
  } catch {
    /* storage disabled */
  }
}

export function rememberedPublicProvince(): string | null {
  try {
    return window.localStorage.getItem(KEY);
  } catch {
    return null;
  }
}
