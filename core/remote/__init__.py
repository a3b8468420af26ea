"""Runs on engines that cannot see this computer's files: the run volume and its mirror."""
