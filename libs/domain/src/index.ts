export * from './errors/domain-error';
export * from './errors/messages';
export * from './notifications/catalogue';
export * from './format';
export * from './reminders';
