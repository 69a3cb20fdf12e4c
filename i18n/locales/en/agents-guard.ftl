# Evidence or silence: the one line that replaces a claim the incident holds no evidence for
# (agents/evidence_guard.py).

agents-guard-missing-bottleneck = No bottleneck confirmed: there are no metrics in the context; connect Prometheus (PROMETHEUS_URL) and run the performance step again.
agents-guard-missing-status-page = Status page state not known: no status page is connected or recorded on the timeline; publish one from the comms step's draft.
agents-guard-missing-root-cause = Not established: no metrics, alerts or recorded change to test a cause against; connect a metrics source, attach the firing alert or record the change (deploy webhook).
agents-guard-missing-impact-figure = Not measured: no metric or report in the context gives this figure; attach the error ratio (observe's suggested query) or the support count.
