export * from './past-project-import';
