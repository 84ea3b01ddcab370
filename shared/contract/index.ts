export * from './app';
export * from './channels';
export * from './http';
export * from './request';
export * from '../errors';
export * from '../result';
export * from './collections';
export * from './collections-channels';
