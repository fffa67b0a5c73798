"""The roll-up of dialogue work, attendance, petitions and budget across the units in a
leader's scope, for a year: one set of figures, shown as a page, an official report and a workbook."""
