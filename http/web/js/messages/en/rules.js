// The English texts of the rules around a stay (issue 17): the operators'
// rules screen (penalties and limits), by message id (t() in i18n.js; gathered by messages-en.js; messages/ja/rules.js
// has the same ids).
export default {
  // The operators' rules screen
  "op.rules.title": "Rules",
  "op.rules.penaltiesTitle": "Suspension rules",
  "op.rules.penaltiesNote": "They apply to late cancellations the centre records after the user's own cancellation deadline, and to no-shows. A facility with values of its own follows those.",
  "op.rules.limitsTitle": "Limits on stays",
  "op.rules.limitsNote": "Counted per user across all facilities. 0 means no limit.",
  "op.rules.enabled": "Apply suspensions",
  "op.rules.lateDays": "Late period (days before check-in)",
  "op.rules.lateCancellationDays": "Suspension after a late cancellation (days)",
  "op.rules.noShowDays": "Suspension after a no-show (days)",
  "op.rules.nightsPerFiscalYear": "Nights per fiscal year (April to March)",
  "op.rules.nightsPerMonth": "Nights per month",
  "op.rules.minPeoplePerRoom": "Minimum people per room",
  "op.rules.unit.days": "{n} days",
  "op.rules.unit.nights": "{n} nights",
  "op.rules.unit.people": "{n} people",
  "op.rules.on": "Applied",
  "op.rules.off": "Not applied",
  "op.rules.noLimit": "No limit",
  "op.rules.range": "{min} to {max}",
  "op.rules.inForce": "In force",
  "op.rules.edit": "New values",
  "op.rules.review": "Review",
  "op.rules.confirmTitle": "Save these values?",
  "op.rules.confirmNote": "Once saved, they apply to every booking, application and cancellation from now on.",
  "op.rules.was": "(was: {v})",
  "op.rules.save": "Save",
  "op.rules.fix": "Change them",
  "op.rules.saved": "Saved. The values in force are shown above.",
};
