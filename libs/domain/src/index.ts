export * from './errors/domain-error';
export * from './errors/messages';
