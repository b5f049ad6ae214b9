// Hook: the ward's coverage settings (adult age, targets) as sync last received them; the national
// defaults while sync has not started.
import { useEffect, useState } from 'preact/hooks';
import { DEFAULT_WARD_SETTINGS, type WardSettings } from '../../../shared';
import { useField } from '../field-context';

export function useWardSettings(): WardSettings {
  const { sync } = useField();
  const [settings, setSettings] = useState<WardSettings>(
    () => sync?.wardSettings.get() ?? DEFAULT_WARD_SETTINGS,
  );
  useEffect(() => {
    if (!sync) {
      setSettings(DEFAULT_WARD_SETTINGS);
      return undefined;
    }
    setSettings(sync.wardSettings.get());
    return sync.wardSettings.subscribe(setSettings);
  }, [sync]);
  return settings;
}
