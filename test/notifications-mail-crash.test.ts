import t from 'tap'
import { serverEnv, startServer } from './support/server-process.ts'
import { smtpSink, until } from './support/smtp.ts'
import { tempDir } from './support/temp.ts'

/**
 * The real server process killed (SIGKILL) while the SMTP server holds an e-mail it has fully
 * received but not yet acknowledged: after a restart every e-mail arrives, the interrupted one at
 * most twice and with the same Message-ID, the others once.
 */
t.test(
  'SIGKILL mid-delivery: after restart each e-mail arrives, a duplicate only with the same Message-ID',
  async (t) => {
    let release: () => void = () => {}
    const held = new Promise<void>((resolve) => (release = resolve))
    let holding = false
    const sink = await smtpSink(t, {
      beforeAnswer: async (message) => {
        if (message.subject.includes('Asunto 1') && !holding) {
          holding = true
          await held
        }
      },
    })
    t.teardown(() => release())
    const dir = tempDir(t)
    const env = serverEnv(dir, {
      SMTP_URL: sink.url,
      PUBLIC_URL: 'http://mesa.example.test',
      MAIL_RETRY_MS: '50,100',
      PUBLIC_CREAR_RATE_PER_IP: '1000',
    })
    const first = await startServer(env)
    t.teardown(() => void first.child.kill('SIGKILL'))
    for (let n = 0; n < 3; n++) {
      const response = await fetch(`${first.url}/api/tickets/crear`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          asunto: `Asunto ${n}`,
          descripcion: 'Descripción del problema',
          nombre: 'Pedro Pérez',
          email: `p${n}@example.com`,
        }),
      })
      t.equal(response.status, 201)
    }
    await until(() => holding, 15_000, 'the second e-mail to be held')
    first.child.kill('SIGKILL')
    t.equal((await first.exited).signal, 'SIGKILL')
    release()

    const second = await startServer(env)
    t.teardown(() => void second.child.kill('SIGKILL'))
    await until(() => sink.to('p2@example.com').length > 0, 20_000, 'every e-mail after the restart')
    await new Promise((resolve) => setTimeout(resolve, 300))
    const [p0, p1, p2] = [0, 1, 2].map((n) => sink.to(`p${n}@example.com`))
    t.equal(p0!.length, 1, 'sent before the crash: once')
    t.ok(p1!.length >= 1 && p1!.length <= 2, `interrupted: ${p1!.length} copies`)
    t.equal(new Set(p1!.map((m) => m.messageId)).size, 1, 'copies share one Message-ID')
    t.equal(p2!.length, 1, 'after the crash: once')
    t.equal(sink.messages.length, p0!.length + p1!.length + p2!.length, 'nothing else')
    const ready = (await (await fetch(`${second.url}/ready`)).json()) as { correo: { pendientes: number } }
    t.equal(ready.correo.pendientes, 0)
    second.child.kill('SIGTERM')
    await second.exited

    // Without SMTP_URL the start-up log says so, once.
    const quiet = await startServer(serverEnv(dir))
    t.teardown(() => void quiet.child.kill('SIGKILL'))
    await fetch(`${quiet.url}/health`)
    t.equal(quiet.output().split('SMTP_URL is not set').length - 1, 1, 'one line about e-mail being off')
    quiet.child.kill('SIGTERM')
    await quiet.exited
  },
)
