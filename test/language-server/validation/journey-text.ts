/**
 * The text of a journey of `customers C`, the process `P`, and `body`, after the `extra` declarations;
 * nothing else is wrong with it (journey-checks.test.ts checks that the journeys built of it are
 * clean), so a check's test sees only what its `body` brings.
 */
export function journey(body: string, extra = ''): string {
    return `customer C
process P { owner "Team" }
${extra}
journey J {
  customers C
${body}
}
`;
}
