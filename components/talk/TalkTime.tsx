/** A talk's time in the event's zone, and in the user's own when it reads differently. */
import { describeTime } from '../../capture/time';

interface Props {
  startsAt?: string;
  endsAt?: string;
  timezone?: string;
}

export function TalkTime({ startsAt, endsAt, timezone }: Props) {
  const shown = describeTime(startsAt, endsAt, timezone);
  if (!shown) return null;
  return (
    <p class="text-sm" data-testid="talk-time">
      <time dateTime={startsAt}>{shown.event}</time> <span class="text-muted">({shown.eventZone})</span>
      {shown.user && (
        <span class="block text-xs text-muted" data-testid="talk-time-user">
          Your time: {shown.user} ({shown.userZone})
        </span>
      )}
    </p>
  );
}
