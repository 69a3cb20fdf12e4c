"""A metrics demo: services with real prometheus-client metrics that can be made to degrade,
generated Prometheus/Alertmanager configs, a loopback launcher for both, and the scenario the
drill plays (`scenario.run_metrics_scenario`)."""
