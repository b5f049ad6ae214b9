// Makes the device-durability state (persistent storage, a found loss) reachable from the account screen
// without threading it through every screen: the device shell provides it.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { DeviceDurability } from './durability-controller';

export const DurabilityContext = createContext<DeviceDurability | null>(null);

export function useDurability(): DeviceDurability | null {
  return useContext(DurabilityContext);
}
