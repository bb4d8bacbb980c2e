// Data many screens share: the facility catalogue (public), loaded once.
import { api } from "./api.js";

let facilitiesPromise = null;

export function facilities() {
  if (!facilitiesPromise) {
    facilitiesPromise = api("GET", "/api/facilities").catch((e) => { facilitiesPromise = null; throw e; });
  }
  return facilitiesPromise;
}

export async function facility(id) {
  return (await facilities()).find((f) => f.id === id) || null;
}

export function facilityLabel(list, id) {
  const f = list.find((x) => x.id === id);
  return f ? f.name : id;
}

// The reductions ("senior", "disability") the rate table of facility `id` in
// force on `date` holds: none when it holds none or no table is in force.
export async function reductionsOffered(id, date) {
  try {
    const r = await api("GET", `/api/facilities/${encodeURIComponent(id)}/rates?date=${encodeURIComponent(date)}`);
    return ["senior", "disability"].filter((kind) => r.rates?.[kind]);
  } catch (e) {
    if (e.status === 404) return [];
    throw e;
  }
}

// The largest party one room of `f` takes (for a style, or any style).
export function capacity(f, style) {
  const types = f.roomTypes.filter((rt) => !style || style === "any" || rt.style === style);
  return Math.max(1, ...types.map((rt) => rt.capacity));
}
