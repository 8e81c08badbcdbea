package skills

import (
	"bytes"
	"context"
	"io"
	"net/http"
)

type Service struct{}

// The caller's context arrives and is thrown away (gin-vue-admin's DownloadOnlineSkill).
func (s *Service) Fetch(_ context.Context, url string, body []byte) ([]byte, error) {
	req, err := http.NewRequest(http.MethodPost, url, bytes.NewReader(body)) // want "http-request-no-context"
	if err != nil {
		return nil, err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}
