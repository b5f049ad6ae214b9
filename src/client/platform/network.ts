// The browser's view of the network (navigator.onLine plus online/offline events) as a NetworkSource.
// navigator.onLine = false is reliable; true only means "some network", so sync still handles failures.
// The page coming back to the foreground (visibilitychange → visible) while online is reported as
// "online" again: phones freeze background tabs, so the app syncs at once when it is reopened.
import type { NetworkSource } from '../sync';

export function browserNetwork(win: Window = window): NetworkSource {
  return {
    isOnline: () => win.navigator.onLine,
    subscribe(onChange) {
      const online = () => onChange(true);
      const offline = () => onChange(false);
      const visible = () => {
        if (win.document.visibilityState === 'visible' && win.navigator.onLine) onChange(true);
      };
      win.addEventListener('online', online);
      win.addEventListener('offline', offline);
      win.document.addEventListener('visibilitychange', visible);
      return () => {
        win.removeEventListener('online', online);
        win.removeEventListener('offline', offline);
        win.document.removeEventListener('visibilitychange', visible);
      };
    },
  };
}
