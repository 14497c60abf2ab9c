// Expands the events of an .ics file with ical.js (Thunderbird's parser) the way a web calendar
// built on it does: RRULE and EXDATE through the event's recurrence iterator, overrides
// (RECURRENCE-ID) related to their series. Prints [{uid, start, status}] with UTC instants.
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

const calendar = new ICAL.Component(ICAL.parse(readFileSync(process.argv[2], "utf8")));
for (const zone of calendar.getAllSubcomponents("vtimezone")) {
  ICAL.TimezoneService.register(zone);
}
const components = calendar.getAllSubcomponents("vevent");
const masters = components.filter((c) => !c.hasProperty("recurrence-id")).map((c) => new ICAL.Event(c));
for (const component of components.filter((c) => c.hasProperty("recurrence-id"))) {
  const exception = new ICAL.Event(component);
  const master = masters.find((m) => m.uid === exception.uid);
  if (master) master.relateException(exception);
}
const instant = (time) => (time.isDate ? time.toString() : time.toJSDate().toISOString().replace(".000Z", "Z"));
const found = [];
for (const event of masters) {
  if (!event.isRecurring()) {
    found.push({ uid: event.uid, start: instant(event.startDate), status: event.component.getFirstPropertyValue("status") });
    continue;
  }
  const iterator = event.iterator();
  for (let next = iterator.next(), guard = 0; next && guard < 1000; next = iterator.next(), guard++) {
    const details = event.getOccurrenceDetails(next);
    found.push({
      uid: event.uid,
      start: instant(details.startDate),
      status: details.item.component.getFirstPropertyValue("status"),
    });
  }
}
process.stdout.write(JSON.stringify(found) + "\n");
