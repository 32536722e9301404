export * from './cimType';
export * from './value';
export * from './qualifier';
export * from './classDefinition';
export * from './names';
