# Errors shown beside the fields of a submitted form (bot/ui/forms.py), and the resolve form
# (bot/ui/resolve_blocks.py).

ui-form-title-missing = A title is needed: what is broken, in a few words.
ui-form-title-too-long = Keep the title under {$limit} characters.
ui-form-pick-severity = Pick a severity.
ui-form-pick-type = Pick a type from the list, or leave it empty.
ui-form-bad-slug = Use letters or digits (e.g. checkout-500s), or leave it empty.
ui-form-pick-person = Pick a person.
ui-form-update-what-missing = Say what happened since the last update.
ui-form-resolution-missing = Say in a sentence what resolved it; the postmortem quotes it.
ui-form-statuspage-title-missing = The status page needs a title.
ui-form-statuspage-body-missing = The status page needs a message.
ui-form-statuspage-pick-status = Choose a status.

ui-resolve-title = Resolve {$id}
ui-resolve-title-short = Resolve incident
ui-resolve-submit = Resolve
ui-resolve-label = What resolved it?
ui-resolve-hint = One or two sentences for the postmortem's Resolution, e.g. rolled back 4312; errors back to baseline.
