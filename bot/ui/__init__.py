"""What people see: user-facing text and pure Block Kit builders."""
