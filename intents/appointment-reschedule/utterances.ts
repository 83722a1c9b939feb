export const utterances = {
  en: ['can we move my appointment to another day', 'reschedule pls'],
  es: ['quiero cambiar mi cita para otro dia'],
} as const;
