// The workflow bundle's entry: every channel's workflow type.
export { standardOrder } from './standard-order';
