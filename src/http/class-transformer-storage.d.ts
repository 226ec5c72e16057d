/** class-transformer's metadata storage, which its package exports without typings of its own path. */
declare module 'class-transformer/cjs/storage' {
  export { defaultMetadataStorage } from 'class-transformer/types/storage';
}
