// Public surface of the shared layer: pure, isomorphic code used by both the app and the server.
export * from './errors';
export * from './protocol';
export * from './canonical';
export * from './ids';
export * from './merge';
export * from './auth';
export * from './names';
export * from './schemas/index';
export * from './consent';
export * from './catalogue';
export * from './coverage';
export * from './unsynced-export';
export * from './ward-api';
export * from './privacy-api';
