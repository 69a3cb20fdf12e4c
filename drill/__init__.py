"""The offline drill: a whole incident played against the local Slack stand-in (`drill.run`),
and the metrics demo it can add (`drill.demo`). Not part of the product bot."""
