// The page's calls to the local API.  Errors come back as {"error": "..."}.

async function answer(response) {
  const type = response.headers.get("content-type") || "";
  if (!response.ok) {
    let message = `the server answered ${response.status}`;
    if (type.includes("json")) {
      try { message = (await response.json()).error || message; } catch { /* keep the status line */ }
    }
    throw new Error(message);
  }
  return type.includes("json") ? response.json() : response.blob();
}

async function call(path, init) {
  let response;
  try {
    response = await fetch(path, { credentials: "same-origin", ...init });
  } catch {
    throw new Error("cannot reach the betareader server — is `betareader serve` still running?");
  }
  return answer(response);
}

export function getJSON(path) {
  return call(path, { method: "GET", headers: { Accept: "application/json" } });
}

export function postJSON(path, body) {
  return call(path, {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/json" },
    body: JSON.stringify(body),
  });
}

export function upload(path, file) {
  const form = new FormData();
  form.append("file", file, file.name);
  return call(path, { method: "POST", body: form });
}
