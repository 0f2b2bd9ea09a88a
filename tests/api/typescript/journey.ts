// The journey of tests/api/test_typescript_client.py, through openapi-fetch typed by openapi-typescript's
// schema.d.ts (generated from the served schema at test time): a member signs in for a token, lists events and
// searches people; a coordinator records progress with an evidence file. It prints what it found, as JSON.
import createClient from "openapi-fetch";
import type { paths } from "./schema.js";

const baseUrl = process.env.REGISTRY_URL!;

async function member() {
  const anonymous = createClient<paths>({ baseUrl });
  const login = await anonymous.POST("/api/v1/auth/token/", {
    body: { username: "member_ke", password: "correct horse battery staple", name: "typescript client" },
  });
  if (!login.data) throw new Error(`login: ${login.response.status}`);
  const client = createClient<paths>({ baseUrl, headers: { Authorization: `Token ${login.data.token}` } });
  const events = await client.GET("/api/v1/events/", { params: { query: { country: ["EG"] } } });
  const people = await client.GET("/api/v1/people/", { params: { query: { q: "Muhammad Hegazy", page_size: 10 } } });
  const refused = await client.GET("/api/v1/people/", { params: { query: { page_size: 0 } } });
  return {
    events: events.data!.results.map((event) => event.title),
    people: people.data!.results.map((person) => [person.given_name, person.family_name]),
    count_capped: people.data!.count_capped,
    refused: [refused.response.status, Object.keys(refused.error ?? {})],
  };
}

async function coordinator() {
  const headers = { Authorization: `Token ${process.env.COORDINATOR_TOKEN}` };
  const client = createClient<paths>({ baseUrl, headers });
  const posted = await client.POST("/api/v1/follow-ups/{id}/progress/", {
    params: { path: { id: process.env.FOLLOW_UP! } },
    body: { status: "in_progress", note: "Decree adopted" },
    bodySerializer(body) {
      const form = new FormData();
      for (const [name, value] of Object.entries(body)) form.append(name, String(value));
      const evidence = new Blob(["%PDF-1.4 decree of 2026"], { type: "application/pdf" });
      form.append("evidence_file", evidence, "decree.pdf");
      return form;
    },
  });
  if (!posted.data) throw new Error(`progress: ${posted.response.status} ${JSON.stringify(posted.error)}`);
  return { status: posted.data.status_after, note: posted.data.note };
}

console.log(JSON.stringify({ member: await member(), coordinator: await coordinator() }));
