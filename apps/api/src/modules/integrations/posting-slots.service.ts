import { Inject, Injectable } from '@nestjs/common';
import { IntegrationDetailsRepository, PostingSlotRepository } from '@herald/db';
import { nextFreeSlot } from '@herald/domain';
import { CLOCK, type Clock } from '../../infrastructure/tokens';
import { channelNotFound } from './channel-not-found.util';

/** "Up to a year ahead", as Postiz searches (its loop stops after 365 days). */
const HORIZON_DAYS = 366;
const MS_PER_DAY = 86_400_000;
// nextFreeSlot compares to the minute: a post at 09:00:40 takes the 09:00 slot.
const MS_PER_MINUTE = 60_000;

export interface FreeSlotView {
  /** Postiz's shape, 'YYYY-MM-DDTHH:mm:00' without an offset: Herald gives it in UTC. */
  date: string | null;
  /** The same instant in ISO 8601 with Z (DECISIONS.md: dates without an offset get one beside them). */
  dateIso: string | null;
}

/** A channel's posting time slots: when the next post "in the queue" would go out. */
@Injectable()
export class PostingSlotsService {
  constructor(
    private readonly details: IntegrationDetailsRepository,
    private readonly slots: PostingSlotRepository,
    @Inject(CLOCK) private readonly now: Clock,
  ) {}

  /**
   * The channel's earliest posting slot strictly after `after`, in its zone (its own, else the
   * organization's), that no undeleted post of the channel takes (any state but ERROR), looking
   * a year ahead; null when there is none. Throws NOT_FOUND for a channel not of this organization.
   */
  async nextFreeSlot(organizationId: string, integrationId: string, after: Date): Promise<Date | null> {
    const channel = await this.details.find(organizationId, integrationId);
    if (!channel) throw channelNotFound(integrationId);
    const slots = { times: channel.postingTimes, timeZone: channel.slotTimeZone };
    if (slots.times.length === 0) return null;
    const before = new Date(after.getTime() + HORIZON_DAYS * MS_PER_DAY + MS_PER_MINUTE);
    const taken = await this.slots.takenTimes(organizationId, integrationId, { after, before });
    return nextFreeSlot(slots, after, taken, HORIZON_DAYS);
  }

  /** GET /find-slot/:id: the next free slot from now. */
  async findSlot(organizationId: string, integrationId: string): Promise<FreeSlotView> {
    const slot = await this.nextFreeSlot(organizationId, integrationId, this.now());
    if (!slot) return { date: null, dateIso: null };
    const iso = slot.toISOString();
    return { date: `${iso.slice(0, 16)}:00`, dateIso: iso };
  }
}
