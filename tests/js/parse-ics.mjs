// Reads an .ics file with ical.js (Mozilla's parser, used by Thunderbird) and prints its
// events as JSON, with start and end as UTC instants. Time zones come from the file's own
// VTIMEZONE components, as in web calendars built on ical.js.
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

const text = readFileSync(process.argv[2], "utf8");
const calendar = new ICAL.Component(ICAL.parse(text));
for (const zone of calendar.getAllSubcomponents("vtimezone")) {
  ICAL.TimezoneService.register(zone);
}
const instant = (time) =>
  time === null ? null : time.isDate ? time.toString() : time.toJSDate().toISOString();
const events = calendar.getAllSubcomponents("vevent").map((component) => {
  const event = new ICAL.Event(component);
  return {
    uid: event.uid,
    summary: event.summary,
    start: instant(event.startDate),
    end: event.endDate ? instant(event.endDate) : null,
    allDay: event.startDate.isDate,
    status: component.getFirstPropertyValue("status"),
    location: event.location,
    description: event.description,
  };
});
process.stdout.write(
  JSON.stringify({
    name: calendar.getFirstPropertyValue("x-wr-calname"),
    method: calendar.getFirstPropertyValue("method"),
    events,
  }),
);
