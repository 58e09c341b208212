/** One-line renderings of a StageBloc location's address, shared by photos and events. */
import type { EntryAddress } from './types.js';

const join = (parts: ReadonlyArray<string | null | undefined>) => parts.filter(Boolean).join(', ');

/** "12345 Awesome Street, Big Bend, WI 53103, USA". */
export function addressLine(address: EntryAddress | null | undefined): string {
  if (!address) return '';
  return join([
    address.streetAddress,
    address.city,
    [address.stateProvince, address.postalCode].filter(Boolean).join(' '),
    address.country,
  ]);
}

/** Where a tour date is, in a list: "Big Bend, WI, USA". */
export function cityLine(address: EntryAddress | null | undefined): string {
  return address ? join([address.city, address.stateProvince, address.country]) : '';
}
