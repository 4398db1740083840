/**
 * Channel icons: stroke-only paths on a 16×16 grid, drawn in the text colour. Fixed
 * strings of our own: no model text ever reaches a path.
 */
export type IconName =
    | 'web' | 'mobile' | 'email' | 'phone' | 'chat' | 'social' | 'store' | 'mail'
    | 'sms' | 'video' | 'partner' | 'in-person' | 'other'
    | 'person';

const CIRCLE = (cx: number, cy: number, r: number) => `M${cx + r} ${cy}a${r} ${r} 0 1 1 ${-2 * r} 0a${r} ${r} 0 1 1 ${2 * r} 0`;

export const ICON_PATHS: Record<IconName, string> = {
    web: `${CIRCLE(8, 8, 6.5)}M1.5 8h13M8 1.5c1.9 1.9 2.8 4 2.8 6.5S9.9 12.6 8 14.5M8 1.5C6.1 3.4 5.2 5.5 5.2 8s.9 4.6 2.8 6.5`,
    mobile: 'M5 1.5h6a1 1 0 0 1 1 1v11a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1v-11a1 1 0 0 1 1-1zM7 12h2',
    email: 'M2 3.5h12v9H2zM2 4l6 4.8L14 4',
    phone: 'M3.2 2h2.6l1.2 3-1.6 1.1a8 8 0 0 0 4.5 4.5L11 9l3 1.2v2.6c0 .7-.5 1.2-1.2 1.2C7.3 14 2 8.7 2 3.2 2 2.5 2.5 2 3.2 2z',
    chat: 'M2.5 2.5h11a1 1 0 0 1 1 1v6.5a1 1 0 0 1-1 1H7l-3.5 3v-3h-1a1 1 0 0 1-1-1V3.5a1 1 0 0 1 1-1z',
    social: `${CIRCLE(4, 8, 2)}${CIRCLE(12, 3.8, 2)}${CIRCLE(12, 12.2, 2)}M5.8 7.1l4.4-2.3M5.8 8.9l4.4 2.3`,
    store: 'M2 6.2 3.5 2.5h9L14 6.2M2 6.2h12M3 6.2v7.3h10V6.2M6.5 13.5V9.5h3v4',
    // One person, face to face (partner is two people side by side).
    mail: 'M2 4.8 8 2l6 2.8v6.4L8 14l-6-2.8zM2 4.8l6 2.8 6-2.8M8 7.6V14',
    sms: 'M2.5 2.5h11a1 1 0 0 1 1 1v6.5a1 1 0 0 1-1 1H7l-3.5 3v-3h-1a1 1 0 0 1-1-1V3.5a1 1 0 0 1 1-1zM5.2 6.8h.1M8 6.8h.1M10.8 6.8h.1',
    video: 'M1.5 4.5h8.5a.5.5 0 0 1 .5.5v6a.5.5 0 0 1-.5.5H1.5zM10.5 7l4-2.5v7l-4-2.5',
    partner: `${CIRCLE(5, 4.5, 2)}${CIRCLE(11, 4.5, 2)}M1.5 13c0-2.5 1.5-4 3.5-4s3.5 1.5 3.5 4M8.8 9.6c.6-.4 1.3-.6 2.2-.6 2 0 3.5 1.5 3.5 4`,
    'in-person': `${CIRCLE(8, 3.8, 2.3)}M4 10.5c0-2.3 1.8-3.9 4-3.9s4 1.6 4 3.9M1.5 10.5h13M3 10.5v4M13 10.5v4`,
    other: CIRCLE(8, 8, 2.5),
    /** Not a channel: the persona header's customer. */
    person: `${CIRCLE(8, 4.5, 2.8)}M2.5 14.5c0-3.2 2.4-5.5 5.5-5.5s5.5 2.3 5.5 5.5`
};

/** The icons that stand for a channel (the rest mark other things). */
const NOT_CHANNELS: ReadonlySet<string> = new Set(['person']);

/** The icon of a channel; unknown channels get the `other` icon. */
export function channelIcon(channel: string | undefined): IconName {
    return channel !== undefined && Object.prototype.hasOwnProperty.call(ICON_PATHS, channel) && !NOT_CHANNELS.has(channel) ? channel as IconName : 'other';
}
