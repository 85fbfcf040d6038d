import type { PreparedPublish, ProviderId } from '@herald/domain';
import { stringArray, stringField } from '../json-fields.util';
import { refusedBeforeSending } from '../provider-failure.util';
import type { InstagramFormat } from './instagram-publish-plan';

/** What `prepare` leaves for the later steps (plain JSON in Temporal history: no tokens). */
export interface InstagramPrepared {
  format: InstagramFormat;
  /** The container media_publish takes: the only one, or the carousel parent once created. */
  containerId?: string;
  /** Carousel children, processed before the parent can be created. */
  childIds: string[];
  /** Carousel parent fields, kept because `check` creates the parent and receives no post. */
  caption?: string;
  collaborators: string[];
}

const FORMATS: readonly InstagramFormat[] = ['image', 'reel', 'story', 'carousel'];

export function toPreparedPublish(provider: ProviderId, prepared: InstagramPrepared): PreparedPublish {
  const data: Record<string, unknown> = { format: prepared.format, childIds: prepared.childIds, collaborators: prepared.collaborators };
  if (prepared.containerId !== undefined) data['containerId'] = prepared.containerId;
  if (prepared.caption !== undefined) data['caption'] = prepared.caption;
  return { provider, data };
}

/** Reads back what `toPreparedPublish` wrote; anything else is a bug upstream, not a network error. */
export function readInstagramPrepared(prepared: PreparedPublish): InstagramPrepared {
  const { data } = prepared;
  const format = FORMATS.find((candidate) => candidate === data['format']);
  const containerId = stringField(data, 'containerId');
  const childIds = stringArray(data['childIds']);
  if (!format || (format !== 'carousel' && !containerId) || (format === 'carousel' && childIds.length === 0)) {
    throw refusedBeforeSending('INTERNAL', 'The prepared Instagram media is incomplete; Herald must prepare it again.');
  }
  return {
    format,
    containerId,
    childIds,
    caption: stringField(data, 'caption'),
    collaborators: stringArray(data['collaborators']),
  };
}
