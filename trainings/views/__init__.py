"""The trainings pages, by subject: `days`, `registrations` (staff registering for a day),
`documents` (the documents page and every PDF), `workshops`, `staff_group`, `clusters`.
trainings/urls.py imports the modules; this package re-exports nothing."""
