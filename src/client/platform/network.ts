// The browser's view of the network (navigator.onLine plus online/offline events) as a NetworkSource.
// navigator.onLine = false is reliable; true only means "some network", so sync still handles failures.
import type { NetworkSource } from '../sync';

export function browserNetwork(win: Window = window): NetworkSource {
  return {
    isOnline: () => win.navigator.onLine,
    subscribe(onChange) {
      const online = () => onChange(true);
      const offline = () => onChange(false);
      win.addEventListener('online', online);
      win.addEventListener('offline', offline);
      return () => {
        win.removeEventListener('online', online);
        win.removeEventListener('offline', offline);
      };
    },
  };
}
