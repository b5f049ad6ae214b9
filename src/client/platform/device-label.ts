// A short description of this phone or computer ("Android 11 · SM-A105F"), sent at enrollment so the
// ward officer can tell a person's devices apart. Never more than the browser already tells every site.
export function deviceLabel(userAgent: string = navigator.userAgent): string | undefined {
  const android = /Android ([\d.]+)(?:; ([^;)]+))?/.exec(userAgent);
  if (android) {
    // Recent Chrome hides the model behind "K".
    const model = android[2]?.replace(/ Build\/.*$/, '').trim();
    return model && model !== 'K' ? `Android ${android[1]} · ${model}` : `Android ${android[1]}`;
  }
  if (/iPhone|iPad/.test(userAgent)) return /iPad/.test(userAgent) ? 'iPad' : 'iPhone';
  if (/Windows/.test(userAgent)) return 'Windows';
  if (/Mac OS X/.test(userAgent)) return 'Mac';
  if (/Linux/.test(userAgent)) return 'Linux';
  return undefined;
}
