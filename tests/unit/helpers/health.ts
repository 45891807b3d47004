/** A visitor screened at the desk, every question answered and nothing found (screening is on by default). */
export const SCREENED = { temperature: 36.5, symptoms: [], contactWithCase: false, fromCaseArea: false }
