import { describe, expect, it } from 'vitest';
import { createChangeFeed } from './change-feed';

describe('change feed', () => {
  it('tells this window at once and the other windows of the same database', async () => {
    const name = `test-feed-${Math.random()}`;
    const here = createChangeFeed(name);
    const there = createChangeFeed(name);
    const elsewhere = createChangeFeed(`${name}-other-db`);
    const seenHere: string[][] = [];
    const seenThere: string[][] = [];
    const seenElsewhere: string[][] = [];
    here.subscribe('members', (ids) => seenHere.push([...ids]));
    there.subscribe('members', (ids) => seenThere.push([...ids]));
    elsewhere.subscribe('members', (ids) => seenElsewhere.push([...ids]));

    here.emit('members', ['a', 'b']);
    here.emit('labour', ['c']);
    here.emit('members', []);
    expect(seenHere).toEqual([['a', 'b']]);
    await expect.poll(() => seenThere).toEqual([['a', 'b']]);
    expect(seenElsewhere).toEqual([]);
  });
});
