// The invitation QR code opens `<origin>/?enroll=XXXXXXXX`: read the code from the address, and take
// it out again once used so a reload or a shared screenshot of the address does not carry it.
const PARAM = 'enroll';

export function enrollCodeFromUrl(loc: Pick<Location, 'search'> = location): string | null {
  const code = new URLSearchParams(loc.search).get(PARAM);
  return code ? code.slice(0, 20) : null;
}

export function forgetEnrollCode(win: Window = window): void {
  const url = new URL(win.location.href);
  if (!url.searchParams.has(PARAM)) return;
  url.searchParams.delete(PARAM);
  win.history.replaceState(win.history.state, '', url.pathname + url.search + url.hash);
}
