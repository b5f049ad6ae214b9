// English messages for device durability (merged into en.ts); typed by the Vietnamese file.
import type { viDevice } from './vi-device';

export const enDevice: Record<keyof typeof viDevice, string> = {
  'storage.title': 'Storage on this phone',
  'storage.checking': 'Checking how the browser keeps the app’s data…',
  'storage.granted': 'The browser agreed to keep the app’s data, even when the phone is low on space.',
  'storage.denied':
    'The browser has not promised to keep the app’s data: when the phone is low on space it may delete records not yet sent.',
  'storage.deniedAdvice':
    'Add the app to the home screen (the browser’s “Install app” or “Add to home screen”), open it again from there, and sync often.',
  'storage.unsupported':
    'This browser does not let the app ask to keep its data when the phone is low on space.',
  'storage.unsupportedAdvice':
    'Sync often so records reach the server soon; Chrome with the app added to the home screen is best.',
  'storage.checkedAt': 'Last checked at {time}.',
  'storage.askAgain': 'Ask to keep the data',
  'storage.use': 'The app uses {used} of at most {quota} the browser allows.',

  'loss.title': 'The data on this phone was deleted',
  'loss.kind.dataLoss':
    'The browser reports that the app’s data on this phone was damaged and has been deleted.',
  'loss.kind.missing':
    'The app’s data on this phone is gone: the browser may have deleted it when the phone ran out of space, or the site data was cleared.',
  'loss.kind.empty': 'The app’s data on this phone is empty, although it held {records} records before.',
  'loss.waiting': '{count} records not yet sent to the server as of {time} may have been lost.',
  'loss.noneWaiting':
    'When last recorded, at {time}, every record had been sent to the server: those records are still on the server.',
  'loss.waitingUnknown':
    'It is not known whether records were waiting: records created or changed after the last sync may have been lost.',
  'loss.lastSync': 'Last successful sync: {time}.',
  'loss.neverSynced': 'This phone has never synced with the server.',
  'loss.whatToDo': 'What to do:',
  'loss.doSync': 'Tap “Sync now” to bring back onto the phone what the server holds.',
  'loss.reenroll': 'This phone must be enrolled again: ask the ward officer for a new invitation code.',
  'loss.tellOfficer':
    'Tell the ward officer, so they can check the server and re-enter lost records (if any).',
  'loss.syncNow': 'Sync now',
  'loss.acknowledge': 'I understand',
};
