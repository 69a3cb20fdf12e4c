# Status-page drafts, paging and acknowledgements (bot/ui/integration_blocks.py).

ui-page-oncall = Page on-call
ui-page-confirm-title = Page the on-call?
ui-page-confirm-text = The on-call gets paged for {$id} now.
ui-page-confirm = Page
ui-page-deny = Not now
ui-page-acknowledged = :white_check_mark: *{$who}* acknowledged the page in {$system}.
ui-page-make-tech-lead = Make {$who} Tech Lead
ui-page-add-sme = Add {$who} as SME
ui-page-choose-tech-lead = Choose the Tech Lead…
ui-statuspage-draft = Status page draft
ui-statuspage-status-investigating = investigating
ui-statuspage-status-identified = identified
ui-statuspage-status-monitoring = monitoring
ui-statuspage-status-resolved = resolved
ui-statuspage-updates = updates {$incident}
ui-statuspage-the-public-incident = the public incident
ui-statuspage-creates = creates a public incident
ui-statuspage-publishing = Publishing {$where}. Only the comms lead or the IC may publish.
ui-statuspage-publish-button = Publish to status page
ui-statuspage-edit = Edit
ui-statuspage-modal-title = Status page
ui-statuspage-publish = Publish
ui-statuspage-public-title = Public title
ui-statuspage-message = Message
ui-link-bridge = Bridge
ui-link-status-page = Status page
