/**
 * Applies fn to a value that may still be on its way: at once when it is already here, after
 * it arrives otherwise. For code run on every node of a large result, where an `await` on a
 * value that is already known would cost a promise (and its async-hook callbacks) per node.
 */
export function andThen<T, R>(value: T | Promise<T>, fn: (value: T) => R | Promise<R>): R | Promise<R> {
  return value instanceof Promise ? value.then(fn) : fn(value);
}
