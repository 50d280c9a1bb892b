"""Every write of grid work. Pages, API, jobs and the demo call these, nothing else."""
