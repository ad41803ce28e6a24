import type { LightMyRequestResponse } from 'fastify'
import type { TestApp } from './app.ts'

/**
 * A browser-like client over inject(): it keeps cookies, reads the CSRF token from the last page
 * and posts urlencoded forms — for page tests that need no real browser.
 */
export function webClient(h: TestApp) {
  const cookies = new Map<string, string>()
  let csrf = ''
  const remember = (response: LightMyRequestResponse) => {
    for (const cookie of response.cookies) {
      if (cookie.value === '' || (cookie.maxAge !== undefined && cookie.maxAge <= 0))
        cookies.delete(cookie.name)
      else cookies.set(cookie.name, cookie.value)
    }
    const token = /name="_csrf" value="([^"]+)"/.exec(response.body)
    if (token) csrf = token[1]!
    return response
  }
  const cookieHeader = () => [...cookies].map(([name, value]) => `${name}=${value}`).join('; ')
  return {
    cookies,
    get csrf() {
      return csrf
    },
    async get(url: string, headers: Record<string, string> = {}) {
      return remember(await h.inject({ method: 'GET', url, headers: { cookie: cookieHeader(), ...headers } }))
    },
    async post(url: string, form: Record<string, string>, options: { csrf?: boolean } = {}) {
      const body = new URLSearchParams({ ...(options.csrf === false ? {} : { _csrf: csrf }), ...form })
      return remember(
        await h.inject({
          method: 'POST',
          url,
          headers: { cookie: cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
          payload: body.toString(),
        }),
      )
    },
    /** Logs in through the login page; returns the final response of the redirect chain's first hop. */
    async login(email: string, password: string) {
      await this.get('/app/login')
      return this.post('/app/login', { email, password })
    },
  }
}

/** The text of the page without tags, for assertions on what a person reads. */
export function pageText(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim()
}
