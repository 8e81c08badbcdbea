package app

// Job's field is named log, but it is an audit trail, not a logger.
type Job struct {
	log auditLog
}

func (j *Job) Run(id string) {
	j.log.Printf("ran %s", id)
}
