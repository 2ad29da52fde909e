"""The audit log: who decided what, about which object, when and why."""
