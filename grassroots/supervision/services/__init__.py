"""Every write of the supervision app. Pages, API and jobs call these, nothing else."""
