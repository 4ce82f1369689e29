/** Preact hook: the current minute (epoch ms, floored), so time-based views re-render as time passes. */
import { useEffect, useState } from 'preact/hooks';

export function useMinute(): number {
  const [minute, setMinute] = useState(() => Math.floor(Date.now() / 60_000) * 60_000);
  useEffect(() => {
    const t = setInterval(() => setMinute(Math.floor(Date.now() / 60_000) * 60_000), 15_000);
    return () => clearInterval(t);
  }, []);
  return minute;
}
